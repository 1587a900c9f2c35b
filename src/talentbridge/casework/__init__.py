"""The shared casework core: applications, workflows, decisions, documents, audit, notifications."""
