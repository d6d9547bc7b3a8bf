from django.urls import path

from marketplace.payments.card_views import CardPaymentView, CardReturnView
from marketplace.payments.views import bank_transfer_webhook, stripe_webhook

app_name = "payments"
urlpatterns = [
    path("bank-transfer/webhook/", bank_transfer_webhook, name="bank-transfer-webhook"),
    path("stripe/webhook/", stripe_webhook, name="stripe-webhook"),
    path("the/<str:number>/", CardPaymentView.as_view(), name="card"),
    path("the/<str:number>/ket-qua/", CardReturnView.as_view(), name="card-return"),
]
