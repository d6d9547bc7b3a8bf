"""Local development: the embedded defaults, debug on unless DEBUG says otherwise."""

from marketplace.env import env_bool

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
