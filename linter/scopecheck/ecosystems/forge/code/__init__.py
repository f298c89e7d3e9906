"""Reading a Forge app's code: the JS/TS analysis, its cache and the scopes the code needs."""
