"""What every ecosystem shares: findings, rules, settings, the engine, fixes. Never imports an ecosystem."""
