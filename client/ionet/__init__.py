"""Python SDK, tools and local validator for the io.net-style programs."""
