"""Site-wide infrastructure shared by the domain apps: caching, htmx pages, layout, charts.

The domain apps (careers, assessments, interviews) import from here; nothing here imports
them. Registered as the ``sitewide`` app so its models and template tags load.
"""
