/* The C side of cmark-gfm that Swift sees. Only the WaymarkMarkdown target (Sources/WaymarkMarkdown/Markdown.swift) uses it. */
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
