default_app_config = 'catalog.search.apps.SearchConfig'
