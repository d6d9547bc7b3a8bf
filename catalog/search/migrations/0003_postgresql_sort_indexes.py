"""PostgreSQL-only indexes in the exact orders the result pages sort by price (up, down; ties broken
by product id), so a page sorted by price walks an index and stops after it instead of sorting every
matching document (newest is already served by the date_created index). They need NULLS LAST as the
queries say it, which Django's Meta.indexes cannot express portably (SQLite, at its scale, needs
none of them)."""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS search_doc_price_asc ON search_productsearchdocument "
    "(price ASC NULLS LAST, product_id ASC)",
    "CREATE INDEX IF NOT EXISTS search_doc_price_desc ON search_productsearchdocument "
    "(price DESC NULLS LAST, product_id DESC)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_price_asc",
    "DROP INDEX IF EXISTS search_doc_price_desc",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgresql_indexes")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
