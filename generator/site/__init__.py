"""The site: the pages, graphs and data files made from the content model (no MkDocs import)."""
