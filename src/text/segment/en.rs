//! English sentence splitting.
