#include <scanner/dns.hpp>

#include <catch2/catch.hpp>

TEST_CASE("scanner::parse_hosts", "[scanner][dns]") {
  const auto table = scanner::parse_hosts("127.0.0.1 localhost\n"
                                          "::1 localhost ip6-localhost # comment\n"
                                          "# 10.0.0.1 hidden\n"
                                          "127.0.0.2\tWWW.Example.GOV.cn alias\n"
                                          "garbage line\n");
  REQUIRE(table.count("localhost") == 1);
  CHECK(table.at("localhost") == std::vector<std::string>{"127.0.0.1", "::1"});
  CHECK(table.at("www.example.gov.cn") == std::vector<std::string>{"127.0.0.2"});
  CHECK(table.count("alias") == 1);
  CHECK(table.count("hidden") == 0);
  CHECK(table.count("line") == 0);
}

TEST_CASE("scanner::Resolver::resolve", "[scanner][dns]") {
  auto resolver = scanner::Resolver::create("", 2.0);
  REQUIRE(resolver);
  std::vector<std::pair<std::string, scanner::HostAddresses>> answers;
  auto collect = [&](const std::string& host, const scanner::HostAddresses& addresses) {
    answers.emplace_back(host, addresses);
  };
  (*resolver)->resolve("127.0.0.7", collect);
  (*resolver)->resolve("::1", collect);
  (*resolver)->resolve("LOCALHOST", collect);
  CHECK(answers.empty()); // delivered from process() only
  (*resolver)->process(-1, -1);
  REQUIRE(answers.size() == 3);
  CHECK(answers[0].second.a.addresses == std::vector<std::string>{"127.0.0.7"});
  CHECK(answers[0].second.aaaa.status == "nodata");
  CHECK(answers[1].second.aaaa.addresses == std::vector<std::string>{"::1"});
  CHECK(answers[2].first == "localhost");
  CHECK(answers[2].second.source == "hosts");
  CHECK((*resolver)->pending() == 0);
}
