"""SC3xx: data leaving Atlassian (egress, remotes) and relaxed content security."""
