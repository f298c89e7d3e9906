"""What admins must consent to again: the consent diff between two versions of an app."""
