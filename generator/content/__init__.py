"""Content: reading, validating and modelling the YAML files under content/."""
