// The end-to-end suites' second run: every test app on the embedded store (see startTestApp).
process.env.TEST_STORE = 'pglite';
