default_app_config = 'catalog.ue.reviews.apps.CatalogueReviewsConfig'
