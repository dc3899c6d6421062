print("estate-sim")
