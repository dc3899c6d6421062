enum _PlaceholderEstateEngine {}
