"""Spiders: one class per registry entry, made from ReleaseSpider or the entry's subclass.

Scrapy's spider loader finds the classes defined here, so ``scrapy list`` shows every
registry source and ``scrapy crawl <source-id>`` crawls one.
"""

from __future__ import annotations

import importlib

from crawlers.registry import Source, registry
from crawlers.spiders.base import ReleaseSpider


def spider_class_for(source: Source) -> type[ReleaseSpider]:
    """The spider class for a source: its own subclass if it names one, else the base."""
    base: type[ReleaseSpider] = ReleaseSpider
    if source.spider:
        module_name, _, cls_name = source.spider.rpartition(".")
        base = getattr(importlib.import_module(module_name), cls_name)
    name = "".join(p.capitalize() for p in source.id.replace("-", "_").split("_")) + "Spider"
    return type(name, (base,), {"name": source.id, "source": source, "__module__": __name__})


for _source in registry().values():
    _cls = spider_class_for(_source)
    globals()[_cls.__name__] = _cls

del _source, _cls
