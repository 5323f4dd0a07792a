"""The regisseur's answer page: personal links, "Mijn activiteiten" and the answer form."""
