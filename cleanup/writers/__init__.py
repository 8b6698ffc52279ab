"""Writers render a Document as Markdown, HTML or plain text."""
