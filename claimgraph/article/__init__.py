"""Reading an article: readers per format, claims, citation resolution, URLs and work identity.

Everything here works offline on the article's own text; nothing fetches.
"""
