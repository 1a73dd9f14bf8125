"""The package list; everything else is in pyproject.toml.

The repository's top-level `spiders/` and `pipelines/` (what `scrapy.cfg` and `scrapy list`
use from the root) install under the project's own package, as `news_ingest_crawl.spiders`
and `news_ingest_crawl.pipelines`, never as bare `spiders` and `pipelines` in site-packages,
where another project's would collide with them. pyproject.toml can either discover packages
or list them, and discovery cannot install a folder under another name: so they are listed
here, beside `ingest/`'s packages found as before (its data folders included).
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

NAMESPACE = "news_ingest_crawl"
CRAWL = {f"{NAMESPACE}.spiders": "spiders", f"{NAMESPACE}.pipelines": "pipelines"}


class BuildPy(build_py):
    """Also writes `news_ingest_crawl/__init__.py`, which has no folder of its own here: a
    regular package rather than a namespace package, because the egg scrapyd-deploy builds
    is a zip without folder entries, where Python finds no namespace package. (An editable
    install copies nothing: its import hook maps the packages, the namespace included.)"""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        init = Path(self.build_lib, NAMESPACE, "__init__.py")
        init.parent.mkdir(parents=True, exist_ok=True)
        init.write_text('"""news-ingest\'s Scrapy side: `spiders` and `pipelines` '
                        '(the repository\'s top-level folders)."""\n', encoding="utf-8")


setup(packages=[*find_namespace_packages(include=["ingest", "ingest.*"]), *CRAWL],
      package_dir=CRAWL, cmdclass={"build_py": BuildPy})
