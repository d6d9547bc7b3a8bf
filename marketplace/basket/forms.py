from oscar.apps.basket import forms


class AddToBasketForm(forms.AddToBasketForm):
    def cleaned_options(self):
        # Oscar's reads the product's options again even when it has none; has_options is already
        # known (from the product's own row when BasketAddView loaded it).
        if not self.parent_product.has_options:
            return []
        return super().cleaned_options()


class SimpleAddToBasketForm(forms.SimpleAddToBasketMixin, AddToBasketForm):
    pass
