"""yanglao: check, grade and consolidate the report forms of the campaign against elderly-care fraud."""

__version__ = "0.1.0"
