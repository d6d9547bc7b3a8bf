from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "marketplace.users"
    label = "users"
    verbose_name = "Người dùng"
