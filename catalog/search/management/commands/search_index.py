"""`manage.py search_index --rebuild`: rebuild every search document (and the Elasticsearch index)."""

import time

from django.core.management.base import BaseCommand, CommandError

from catalog.search.backends import get_backend


class Command(BaseCommand):
    help = "Xây dựng lại chỉ mục tìm kiếm sản phẩm (chạy lại nhiều lần không sao)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Xây dựng lại toàn bộ chỉ mục.")

    def handle(self, *args, rebuild, **options):
        if not rebuild:
            raise CommandError("Hãy dùng --rebuild để xây dựng lại chỉ mục.")
        started = time.monotonic()
        count = get_backend().rebuild()
        self.stdout.write(self.style.SUCCESS(
            f"Đã lập chỉ mục {count} sản phẩm trong {time.monotonic() - started:.1f} giây."
        ))
