"""Statistics maths over the review log (pure: numpy arrays in, figures out)."""
