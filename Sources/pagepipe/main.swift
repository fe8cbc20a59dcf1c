print("pagepipe: under construction")
