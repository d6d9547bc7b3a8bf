from oscar.apps.customer.abstract_models import AbstractUser


class User(AbstractUser):
    """A person who signs in: buyer, seller staff or province staff. Signs in by e-mail."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
