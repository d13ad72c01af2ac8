// Opens COUNT keep-alive connections to the server at PORT, sends one request on each, waits for every
// answer ("N connections answered"), holds them open for 3 s, then closes them all. For the memory test
// (tests/cli/idle_memory_test.sh) and its benchmark (bench/idle_memory.sh).
const net = require('net');
const port = Number(process.argv[2]);
const count = Number(process.argv[3] || 5000);
let answered = 0;
const sockets = [];
for (let i = 0; i < count; i++) {
  const socket = net.connect(port, '127.0.0.1', () => {
    socket.write('GET /api/platforms/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  });
  let done = false;
  socket.on('data', () => {
    if (!done) {
      done = true;
      if (++answered === count) finish();
    }
  });
  socket.on('error', (error) => {
    console.error(`connection ${i}: ${error.message}`);
    process.exit(1);
  });
  sockets.push(socket);
}
function finish() {
  console.log(`${answered} connections answered`);
  setTimeout(() => {
    for (const socket of sockets) socket.destroy();
  }, 3000);
}
