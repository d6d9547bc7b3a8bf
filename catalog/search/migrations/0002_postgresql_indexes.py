"""PostgreSQL-only indexes: GIN over the full-text vector, trigram GIN over titles and the
vocabulary (typo correction and suggestions). SQLite has neither and needs neither at its scale."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_doc_vector_gin ON search_productsearchdocument USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS search_doc_title_trgm ON search_productsearchdocument "
    "USING gin (title gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_word_trgm ON search_searchword USING gin (word gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_vector_gin",
    "DROP INDEX IF EXISTS search_doc_title_trgm",
    "DROP INDEX IF EXISTS search_word_trgm",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
