enum _PlaceholderFiles {}
