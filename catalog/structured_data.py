"""schema.org `Product` JSON-LD for a product page, with offers in whole đồng."""

from django.utils.html import strip_tags

from marketplace.money import CURRENCY, to_dong

IN_STOCK = "https://schema.org/InStock"
OUT_OF_STOCK = "https://schema.org/OutOfStock"


def _offer(request, product, info):
    price = info.price.incl_tax if info.price.is_tax_known else info.price.excl_tax
    return {
        "@type": "Offer",
        "sku": product.upc or str(product.pk),
        "name": product.get_title(),
        "price": to_dong(price),
        "priceCurrency": CURRENCY,
        "availability": IN_STOCK if info.availability.is_available_to_buy else OUT_OF_STOCK,
        "url": request.build_absolute_uri(product.get_absolute_url()),
    }


def product_json_ld(request, product, image_urls=()) -> dict:
    """The structured data search engines and social networks read from a product page."""
    strategy = request.strategy
    sellables = list(product.get_public_children()) if product.is_parent else [product]
    offers = []
    for item in sellables:
        info = strategy.fetch_for_product(item)
        if info.price.exists:
            offers.append(_offer(request, item, info))

    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "description": " ".join(strip_tags(product.description or "").split()),
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "image": [request.build_absolute_uri(url) for url in image_urls],
    }
    if product.upc:
        data["sku"] = product.upc
    if product.seller:
        data["brand"] = {"@type": "Organization", "name": product.seller.name}
    if product.origin_commune:
        data["countryOfOrigin"] = {"@type": "Country", "name": "Việt Nam"}
        data["additionalProperty"] = [
            {"@type": "PropertyValue", "name": "Xuất xứ", "value": str(product.origin_commune)}
        ]
    certificate = product.ocop_badge
    if certificate:
        data["award"] = f"OCOP {certificate.stars} sao ({certificate.decision_number})"
    if len(offers) == 1:
        data["offers"] = {**offers[0], "seller": data.get("brand")} if product.seller else offers[0]
    elif offers:
        prices = [offer["price"] for offer in offers]
        data["offers"] = {
            "@type": "AggregateOffer",
            "priceCurrency": CURRENCY,
            "lowPrice": min(prices),
            "highPrice": max(prices),
            "offerCount": len(offers),
            "offers": offers,
        }
    return data
