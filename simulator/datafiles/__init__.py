"""Reading authored YAML files with positions, and reporting problems in them."""

from simulator.datafiles.validate import validate_model
from simulator.datafiles.yamlfile import YamlDocument, read_yaml, yaml_files

__all__ = ["YamlDocument", "read_yaml", "validate_model", "yaml_files"]
