"""SC4xx: what the app's code needs against what the manifest requests."""
