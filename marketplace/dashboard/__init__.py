default_app_config = 'marketplace.dashboard.apps.DashboardConfig'
