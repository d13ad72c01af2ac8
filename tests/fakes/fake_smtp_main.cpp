// The fake SMTP server as a program, for the browser tests and the CLI test.
//   fake-smtp MAIL_DIRECTORY CA_FILE
// Speaks STARTTLS with the throwaway test certificate, writes its CA to CA_FILE (for MYVOD_SMTP_CA_FILE),
// saves each message it accepts as MAIL_DIRECTORY/<number>-<recipient>.eml, prints
// "smtp://127.0.0.1:PORT" and serves until SIGTERM.
#include <fstream>
#include <iostream>

#include "fakes/fake_server.hpp"
#include "fakes/fake_smtp.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fake-smtp MAIL_DIRECTORY CA_FILE\n";
    return 2;
  }
  const std::string directory = argv[1];
  std::ofstream(argv[2]) << myvod::testing::test_certificates().ca_pem;
  int saved = 0;
  myvod::testing::FakeSmtp server(
      {myvod::testing::FakeSmtpTls::starttls, "", "", [&](const myvod::testing::ReceivedMail& mail) {
         const std::string name = std::to_string(++saved) + "-" + mail.recipients.at(0);
         // Written under a temporary name and renamed, so a reader never sees half.
         std::ofstream(directory + "/." + name) << mail.data;
         std::rename((directory + "/." + name).c_str(), (directory + "/" + name + ".eml").c_str());
       }});
  std::cout << server.url() << std::endl;
  myvod::testing::wait_for_stop_signal();
  std::cerr << "fake-smtp: " << saved << " mails\n";
  return 0;
}
