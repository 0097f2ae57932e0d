"""WTForms classes: shape and field validation only."""
