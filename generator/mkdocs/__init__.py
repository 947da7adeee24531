"""The MkDocs glue: the plugin, its options, in-memory pages and the Pagefind index."""
