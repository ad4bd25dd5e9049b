-- A tenant's branding, as validated JSON (panelcare_model::branding::Branding); NULL = default.
ALTER TABLE tenants ADD COLUMN branding TEXT;
