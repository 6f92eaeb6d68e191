package render

// SetMaxBytes bounds what c holds, for a test of forgetting.
func (c *Cache) SetMaxBytes(n int) { c.max = n }

// Bytes is what c holds.
func (c *Cache) Bytes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size
}
