"""Code usage analysis: what an app's JS/TS calls, fetches and stores (the input of SC401-SC404).

`js_usage.analyze_app` is the entry point; tree-sitter is imported only when it runs.
"""
