import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    """Oscar's basket, adding a product in a fixed few queries (issue 8)."""

    name = "marketplace.basket"
