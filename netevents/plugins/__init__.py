"""Everything about plugins, one module per job.

Bottom layer (services may use it): ``markers`` (hookimpl/hookspec), ``contracts`` (what hooks return),
``dispatch`` (calling hooks with isolation), ``settings`` (per-account plugin settings and secrets),
``backup`` (plugins' sections of a backup), ``discovery`` (finding plugins and their models).
Top layer (only ``create_app`` and the CLI use it): ``manager`` (the pluggy manager and its records),
``loading`` (building an app's plugins), ``enablement`` (enable/disable flags), ``migrations`` (each plugin's
Alembic history), ``web`` (blueprints, templates, page slots), ``pages`` (/-/plugins), ``cli``
(``netevents plugins ...``), ``testing`` (registering a plugin in a test app).
Plugin authors import from ``api`` only.
"""
