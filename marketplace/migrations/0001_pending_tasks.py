from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="PendingTask",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="tác vụ")),
                ("args", models.JSONField(default=list, verbose_name="đối số")),
                ("kwargs", models.JSONField(default=dict, verbose_name="đối số có tên")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="lưu lúc")),
                ("attempts", models.PositiveIntegerField(default=0, verbose_name="số lần gửi lại không được")),
                ("claimed_until", models.DateTimeField(blank=True, null=True, verbose_name="đang gửi đến")),
                ("last_error", models.CharField(blank=True, max_length=500, verbose_name="lỗi gần nhất")),
            ],
            options={
                "verbose_name": "tác vụ chờ gửi",
                "verbose_name_plural": "các tác vụ chờ gửi",
                "ordering": ["pk"],
            },
        ),
    ]
