"""Data: the knowledge base (knowledge/) and geometry parameters (geometry/)."""
