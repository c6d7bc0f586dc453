"""The search language, pure: a query string parsed into a syntax tree, and the folded text a
free word matches. No I/O; the store compiles the tree to SQL (`quizapp.store.search_sql`).
"""

from quizapp.search.ast import Node
from quizapp.search.parser import QueryError, parse
from quizapp.search.text import fold, search_text, tag_text

__all__ = ["Node", "QueryError", "fold", "parse", "search_text", "tag_text"]
