"""Turn regional career-guidance plans (YAML) into a cross-linked MkDocs site."""
