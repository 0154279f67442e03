"""The platform the domain apps share: the plug-in registry, content versioning and caching,
the content admin base, the loader, the data export, login and throttling, pages, charts.

The domain apps (careers, assessments, interviews) import from here; nothing here imports
them. Registered as the ``sitewide`` app so its models and template tags load.
"""
