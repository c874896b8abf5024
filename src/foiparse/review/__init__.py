"""Review pages: see every extracted value where the letter says it.

* :func:`review_html` gives one self-contained HTML file for some responses
  (``foiparse review FILE... -o review.html``);
* :func:`foiparse.review.site.write_site` turns a whole ingest into a static site
  (``foiparse review --db foi.sqlite -o site/``): an index with charts and filters,
  and a page per document.

Pages are built from the JSON objects foiparse writes (``to_dict``), the same shape a
database stores, so a site never rebuilds the model it only shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from foiparse.review.page import article, failure, standalone

__all__ = ["review_html"]


def review_html(items: Iterable[tuple[str, Mapping[str, Any] | None, str | None, str | None]]) -> str:
    """One page for several inputs: ``(name, JSON object or None, error class, error)`` each, in order.

    An input that failed is listed with its error at the top of the page, never left out.
    """
    articles, failures, nav = [], [], []
    for k, (name, obj, error_class, error) in enumerate(items, 1):
        if obj is None:
            failures.append(failure(name, "failed", error_class, error))
            continue
        key = f"doc{k}"
        articles.append(article(obj, key, name))
        nav.append(f'<li><a href="#{key}">{escape(name)}</a></li>')
    count = len(articles) + len(failures)
    title = f"foiparse review: {count} inputs" if count != 1 else "foiparse review"
    return standalone(title, articles, failures, nav)
