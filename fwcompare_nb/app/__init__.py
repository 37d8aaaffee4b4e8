"""The explorer: ipywidgets and ipympl wired to the layers below."""
