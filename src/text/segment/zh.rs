//! Chinese sentence splitting.
