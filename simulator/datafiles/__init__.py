"""Reading authored YAML files with positions, and reporting problems in them."""

from simulator.datafiles.problems import Problem, ProblemList, DataFileError, did_you_mean
from simulator.datafiles.yamlfile import YamlDocument, read_yaml
from simulator.datafiles.validate import validate_model

__all__ = [
    "DataFileError",
    "Problem",
    "ProblemList",
    "YamlDocument",
    "did_you_mean",
    "read_yaml",
    "validate_model",
]
